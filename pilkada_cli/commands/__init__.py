"""The command line: one typer command per module, each a thin adapter that reads its
options, calls the library (usually one job), prints, and picks the exit code. Only cli.py
imports them; nothing imports cli.
"""
