region = "eu-west-1"
zones = ["a", "b"
count = 3
#| error CG-HCL-SYNTAX: Syntax error: missing `]`
