project     = "northwind"
environment = "production"
owner       = "platform"
cost_center = "CC-1042"

primary_region   = "eu-west-1"
analytics_region = "eu-central-1"

domain_name        = "app.northwind-analytics.example"
app_instance_type  = "t3.large"
app_instance_count = 2
db_instance_class  = "db.r6g.large"

# The BI vendor publishes these addresses on its status page.
bi_vendor_cidrs = ["203.0.113.0/24", "198.51.100.32/28"]
