locals {
  tags = { Team = "platform" }
}

resource "aws_vpc" "main" {
  tags = merge(local.t$0ags, { Name = "main" })
}
