role "Analyst" {
  inherits = ["Developer"]
}
