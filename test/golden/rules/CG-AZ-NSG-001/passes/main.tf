resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "198.51.100.0/24"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "web"
}
