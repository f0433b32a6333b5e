# The fixture corpus is code to scan, not tests to run (some of it looks like tests).
collect_ignore = ["fixtures"]
