resource "azurerm_redis_cache" "cache" {
  name                = "cache"
  location            = "westeurope"
  minimum_tls_version = "1.2"
}
