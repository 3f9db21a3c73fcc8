"""The senders' side: the workbook a regency fills in (template), the marked copy of its
errors (annotate, rebuild), the messages and e-mails to it (messages, mail) and the sample
reports (samples). It may import the day and everything below, not render or the jobs.
"""
