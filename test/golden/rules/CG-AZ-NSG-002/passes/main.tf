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
    source_address_prefix      = "10.1.0.0/16"
    destination_address_prefix = "*"
  }
}
