"""The reader: a file's bytes to its sheets' cells, each with its A1 address, and nothing
else. It sniffs the format from the content, inflates zips through caps (bounded_zip), pre-scans
the XML of .xlsx and .ods (sheetxml, odsxml) and the records of .xls (biff) before
python-calamine reads them in an isolated worker with memory and time limits (worker).
It may import only the foundation (errors, config's Limits, names, texts); it knows no
schema, report or issue.
"""
