# Northwind Analytics: who may read what in the reporting database (schema.sql).
# The format is described in docs/policy-format.md.

# Every table with an org_id column belongs to one tenant, and a query may not join two tenants' rows.
tenant_key         = "org_id"
cross_tenant_joins = "deny"

role "Owner" {
  inherits    = ["Admin"]
  description = "Northwind's founders: every tenant, every column."
}

role "Admin" {
  inherits    = ["Analyst", "Auditor"]
  description = "A tenant's administrators: their whole organisation, personal data in clear."
}

role "Analyst" {
  inherits    = ["Developer"]
  description = "A tenant's analysts: customers and invoices of their own region."
}

role "Auditor" {
  description = "Reads invoices and payments of their organisation; contact details stay masked."
}

role "Developer" {
  description = "Builds dashboards: their organisation's invoices and customers, personal data masked."
}

role "ServiceAccount" {
  kinds       = ["agent"]
  description = "AI agents and jobs acting for a tenant: only their own runs and aggregates."
}

role "Support" {
  inherits    = ["Analyst"]
  kinds       = ["human"]
  description = "Northwind's support staff: may see customer e-mail addresses to answer tickets."
}

table "organizations" {
  tenant_key = "id"

  row_filter "own_organization" {
    using  = "id = {org_id}"
    exempt = ["Owner"]
  }
}

table "users" {
  readers = ["Admin", "Auditor"]

  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }

  mask "email" {
    function = "hash"
    exempt   = ["Admin"]
  }

  mask "phone" {
    function = "partial(4)"
    exempt   = ["Admin"]
  }
}

table "customers" {
  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }

  row_filter "own_region" {
    using       = "region = {region}"
    roles       = ["Analyst"]
    exempt      = ["Admin"]
    description = "Analysts work on the customers of their own region."
  }

  mask "email" {
    function = "partial(4)"
    exempt   = ["Admin", "Support"]

    # Agents never see an address in clear, whoever they act for.
    agent {
      function = "redact"
      exempt   = []
    }
  }

  mask "phone" {
    function = "redact"
    exempt   = ["Admin"]
  }
}

table "invoices" {
  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }
}

table "payments" {
  readers = ["Admin", "Auditor", "ServiceAccount"]

  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }

  mask "card_number" {
    function = "partial(4)"
  }
}

table "agent_runs" {
  row_filter "same_tenant" {
    using  = "org_id = {org_id}"
    exempt = ["Owner"]
  }

  row_filter "own_runs" {
    using = "agent_id = {agent_id} AND framework = {agent_framework}"
    kinds = ["agent"]
  }

  mask "prompt" {
    function = "redact"
    exempt   = ["Admin"]
  }

  mask "tokens" {
    function    = "null"
    exempt      = ["Admin", "ServiceAccount"]
    description = "Token counts are billing data: hidden from analysts."
  }
}
