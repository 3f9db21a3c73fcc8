"""Checking: a workbook's cells against the schema, into a typed Report and its Issues.
The schema and its rule expressions (schema, expr), what people type read as values (values),
the validation cell by cell (validate), the records (model) and the rules across a regency's
own days (across_days). It may import the reader and the foundation.
"""
