resource "azurerm_application_gateway" "web" {
  name     = "web"
  location = "westeurope"

  ssl_policy {
    policy_type = "Predefined"
#                 ^^^^^^^^^^^^ warning CG-AZ-TLS-002: Predefined SSL policies accept TLS 1.2: use `CustomV2` with `min_protocol_version = "TLSv1_3"`
    policy_name = "AppGwSslPolicy20220101S"
  }
}
