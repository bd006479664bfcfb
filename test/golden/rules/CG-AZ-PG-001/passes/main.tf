resource "azurerm_postgresql_flexible_server" "db" {
  name                          = "northwind-db"
  location                      = "westeurope"
  public_network_access_enabled = false
}
