"""Typed tracking code generated from the plan (``evdict codegen``): one function per
event, in Python or TypeScript, calling the team's analytics client."""
