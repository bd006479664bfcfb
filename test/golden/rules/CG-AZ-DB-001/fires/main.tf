resource "azurerm_mssql_firewall_rule" "all" {
  name             = "all"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
#                    ^^^^^^^^^^^^^^^^^ error CG-AZ-DB-001: The rule admits 0.0.0.0–255.255.255.255: practically the whole internet
}
