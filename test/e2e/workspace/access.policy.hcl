# The e2e workspace's data policy: one tenant table with a masked column.
tenant_key         = "org_id"
cross_tenant_joins = "deny"

role "Analyst" {
  inherits    = ["Developer"]
  description = "Reads their own organisation's orders; e-mail addresses masked."
}

table "orders" {
  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }

  mask "email" {
    function = "redact"
    exempt   = ["Admin"]
  }
}
