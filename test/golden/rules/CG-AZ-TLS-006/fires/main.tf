resource "azurerm_redis_cache" "cache" {
  name                 = "cache"
  location             = "westeurope"
  non_ssl_port_enabled = true
#                        ^^^^ warning CG-AZ-TLS-006: The plain-text Redis port (6379) is open
}
