resource "azurerm_application_gateway" "web" {
  name     = "web"
  location = "westeurope"

  ssl_policy {
    policy_type          = "CustomV2"
    min_protocol_version = "TLSv1_3"
  }
}
