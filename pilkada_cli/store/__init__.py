"""The store: what must never be lost. The ledger of every file seen and each regency's
accepted figures (ledger), the archive of the raw files (archive), the tables' versions
(migrations), the run lock (lock), the log (runlog), taking a day's files in (intake), the
sign-offs (approvals). It may import checking, the reader and the foundation, never the day.
"""
