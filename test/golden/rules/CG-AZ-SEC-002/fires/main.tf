resource "azurerm_mssql_server" "db" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-TLS-004: No `minimum_tls_version`: the server accepts TLS 1.2
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AZ-SQL-001: Public network access is on by default: the server has a public endpoint
  name                         = "northwind-sql"
  location                     = "westeurope"
  administrator_login          = "sqladmin"
  administrator_login_password = "Sup3r-Secret-2024"
#                                ^^^^^^^^^^^^^^^^^^^ error CG-AZ-SEC-002: `administrator_login_password` is written in plain text: keep it in Key Vault
}
