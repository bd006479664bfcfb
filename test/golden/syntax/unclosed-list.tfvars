region = "eu-west-1"
zones = ["a", "b"
#                | error CG-HCL-SYNTAX: Syntax error: missing `]`
count = 3
