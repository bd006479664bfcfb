resource "azurerm_network_security_rule" "any" {
  name                        = "any"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefixes     = ["0.0.0.0/0", "::/0"]
#                                ^^^^^^^^^^^ error CG-AZ-NSG-003: Every port and protocol is open to the internet (0.0.0.0/0): allow only the ports the service needs, from known address ranges
#                                             ^^^^^^ error CG-AZ-NSG-003: Every port and protocol is open to the internet (::/0): allow only the ports the service needs, from known address ranges
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = "web"
}
