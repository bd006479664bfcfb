resource "azurerm_network_security_group" "db" {
  name     = "db"
  location = "westeurope"

  security_rule {
    name                       = "sql"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "1433"
    source_address_prefix      = "Internet"
#                                ^^^^^^^^^^ error CG-AZ-NSG-002: SQL Server (1433) is open to the internet (Internet): allow it only from the application tier or known address ranges
    destination_address_prefix = "*"
  }
}
