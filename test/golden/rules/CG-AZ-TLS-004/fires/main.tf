resource "azurerm_mssql_server" "db" {
  name                          = "northwind-sql"
  location                      = "westeurope"
  version                       = "12.0"
  minimum_tls_version           = "1.2"
#                                 ^^^^^ warning CG-AZ-TLS-004: `minimum_tls_version = "1.2"` accepts protocols older than TLS 1.3
  public_network_access_enabled = false
}
