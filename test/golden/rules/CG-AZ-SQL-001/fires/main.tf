resource "azurerm_mssql_server" "db" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AZ-SQL-001: Public network access is on by default: the server has a public endpoint
  name                = "northwind-sql"
  location            = "westeurope"
  version             = "12.0"
  minimum_tls_version = "1.3"
}
