"""Render: the provincial picture into files for people and programs. One briefing view in
words (view/, a module per part) laid out by each output (markdown, docx, html, chart,
sparkline) and the recap (recap: xlsx and JSON). It may import the day and everything below;
it writes nothing itself (the jobs write the bytes it returns).
"""
