tenant_key = "org_id"

role "Analyst" {
  inherits = ["Developr"]
#             ^^^^^^^^^^ error CG-POLICY-UNKNOWN-ROLE: unknown role "Developr" (did you mean "Developer"?)
}

role "Intern" {
  inherits = ["Intern"]
#             ^^^^^^^^ error CG-POLICY-ROLE-CYCLE: role "Intern" inherits itself
}

role "Contractor" {
#    ^^^^^^^^^^^^ warning CG-POLICY-ROLE-SEES-NOTHING: role "Contractor" can see no table: every table's `readers` leaves it out
  description = "reads nothing: every table below lists its readers"
}

table "customer" {
#     ^^^^^^^^^^ error CG-POLICY-UNKNOWN-TABLE: unknown table "customer" (did you mean "customers"?)
}

table "customers" {
  readers = ["Analyst", "Admin", "Developer", "Auditor", "Owner", "ServiceAccount", "Intern"]

  row_filter "tenant" {
    using  = "org_id = {org_id} AND regoin = {region}"
#                                   ^^^^^^ error CG-POLICY-UNKNOWN-COLUMN: table customers has no column `regoin` (its columns: id, org_id, name, email, phone, region, segment)
    exempt = ["Owner"]
  }

  row_filter "broken" {
    using = "region = = {region}"
#                     ^ error CG-POLICY-FILTER-SYNTAX: the row filter does not parse as a SQL condition: syntax error at or near "="
  }

  row_filter "placeholder" {
    using = "region = {country}"
#                     ^^^^^^^^^ error CG-POLICY-UNKNOWN-PLACEHOLDER: unknown placeholder {country}: use one of {user_id}, {org_id}, {agent_id}, {agent_framework}, {department}, {region}
  }

  row_filter "unsafe" {
    using = "id IN (SELECT customer_id FROM invoices)"
#               ^ error CG-POLICY-FILTER-UNSAFE: a row filter may not contain a subquery: it may read only its own table
  }

  mask "emial" {
#      ^^^^^^^ error CG-POLICY-UNKNOWN-COLUMN: table customers has no column `emial` (did you mean "email"?)
    function = "hash"
  }

  mask "email" {
#      ^^^^^^^ error CG-POLICY-MASK-CONFLICT: column customers.email has another mask at line 46; the stronger one applies: keep one
    function = "scramble"
#              ^^^^^^^^^^ error CG-POLICY-UNKNOWN-MASK: unknown mask function "scramble": use redact, partial(N), hash or null
  }

  mask "email" {
#      ^^^^^^^ error CG-POLICY-MASK-CONFLICT: column customers.email has another mask at line 42; the stronger one applies: keep one
    function = "redact"
    exempt   = ["Admin"]
  }

  colour = "blue"
# ^^^^^^ error CG-POLICY-SHAPE: unknown attribute `colour` in a table block (expected `tenant_key`, `readers`, `description`)
}

table "invoices" {
  readers = ["Analyst"]
}

table "payments" {
  readers = ["Admin"]
}

table "organizations" {
  readers = ["Admin"]
}

table "users" {
  readers = ["Admin"]
}

table "agent_runs" {
  readers = ["Admin"]
}
