"""Jobs: one whole piece of work from inputs to files, as a command runs it (compile a day,
take new inbox files in, send the day's messages, fetch reports by e-mail). Each may import
every stage; only the commands import the jobs.
"""
