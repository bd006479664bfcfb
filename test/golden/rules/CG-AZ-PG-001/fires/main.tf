resource "azurerm_postgresql_flexible_server" "db" {
  name                          = "northwind-db"
  location                      = "westeurope"
  public_network_access_enabled = true
#                                 ^^^^ error CG-AZ-PG-001: Public network access is on: the server has a public endpoint
}
