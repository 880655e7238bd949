"""One module per contract code family: structure (S), timing (T), reading speed (R), lines (L),
typography (Y), language (G). Each rule is a generator registered with `subkit.qc.registry.rule`;
its docstring's first line is its summary and the PASS/FAIL examples below it are the user docs.
"""
