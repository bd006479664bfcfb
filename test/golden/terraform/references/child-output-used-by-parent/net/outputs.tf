output "i$0d" {
  value = "x"
}
