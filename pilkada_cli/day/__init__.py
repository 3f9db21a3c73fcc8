"""The day: the reports of one date into the provincial picture. Which file stands for each
regency (inbox), who reported and when (attendance), how figures combine
into the picture (merge), a figure day by day (series), what needs attention (attention),
revisions (revisions), the last days for the HTML briefing (recent). It may import the store,
checking and the foundation; the rules are plain functions over data the jobs pass in.
"""
