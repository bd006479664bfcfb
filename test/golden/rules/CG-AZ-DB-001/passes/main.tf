resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"
  start_ip_address = "198.51.100.10"
  end_ip_address   = "198.51.100.20"
}
