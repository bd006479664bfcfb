# Malformed values: one diagnostic each, where the value is, and no second one about the same value.
table "customers" {
  row_filter "interpolated" {
    using = "org_id = ${var.org}"
#           ^^^^^^^^^^^^^^^^^^^^^ error CG-POLICY-SHAPE: policy values cannot use `${…}` interpolation; placeholders are written `{name}`
  }

  row_filter "missing" {
# ^^^^^^^^^^ error CG-POLICY-SHAPE: row_filter "missing" has no `using` condition
    roles = ["Analyst"]
  }

  mask "email" {
    function = 1
#              ^ error CG-POLICY-SHAPE: `function` must be a string
  }

  mask "phone" {
# ^^^^ error CG-POLICY-SHAPE: mask "phone" has no `function` (redact, partial(N), hash or null)
    exempt = "Admin"
#            ^^^^^^^ error CG-POLICY-SHAPE: `exempt` must be a list of strings, e.g. ["Analyst"]
  }
}
