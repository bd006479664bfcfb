#!/usr/bin/python3
"""Seeds a moto server with the Northwind Analytics estate of examples/terraform, as it runs today.

The estate matches the Terraform, with the drift the demo shows: a rule opened in the console
(RDP, 3389, from anywhere on the application group) and an application server resized from the
declared t3.large to t3.xlarge. The secrets the Terraform holds are seeded too (the ETL worker's
access keys in its user data, the reporting database's master password): the importer must never
store them.

With --plant-secrets, a third region (us-east-1) gets a workload with secrets in every place an
importer could pick one up: user data, tags, instance attributes, security-group and rule
descriptions, network-interface descriptions.

Usage: seedNorthwind.py ENDPOINT [--plant-secrets] [--scale SUBNETS INSTANCES]
Prints a JSON object with the ids the tests assert on.
"""
import json
import sys
import urllib.request

import boto3

args = sys.argv[1:]
ENDPOINT = args.pop(0)
PLANT = "--plant-secrets" in args
SCALE = None
if "--scale" in args:
    i = args.index("--scale")
    SCALE = (int(args[i + 1]), int(args[i + 2]))

CREDS = dict(aws_access_key_id="testing", aws_secret_access_key="testing")
PREFIX = "northwind-production"
COMMON_TAGS = {"Project": "northwind", "Environment": "production", "Owner": "platform",
               "CostCenter": "CC-1042", "ManagedBy": "terraform"}

# Secrets that must never reach a snapshot, a log or the CLI's output. The tests read this list.
ETL_USER_DATA = """#!/bin/bash
set -euo pipefail
cat > /opt/etl/env <<ENV
AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
ENV
"""
REPORTING_DB_PASSWORD = "Northwind-Reporting-2023!"
PLANTED = {
    "userData": "export STRIPE_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "tagToken": "ghp_Zq8xk2PLANTEDtagTOKEN000111222333444555",
    "tagPassword": "Pl4nted-Tag-Passw0rd",
    "attributeUserData": "DATABASE_URL=postgres://etl:Pl4ntedAttr1bute@reporting.internal:5432/r",
    "groupDescription": "password=Pl4ntedGroupDescr1ption",
    "ruleDescription": "vendor token xoxb-1234567890-PLANTEDRULETOKEN",
    "eniDescription": "AKIAPLANTEDENI000000",
    "dbPassword": REPORTING_DB_PASSWORD,
    "etlAccessKey": "AKIAIOSFODNN7EXAMPLE",
    "etlSecretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}


def client(service, region):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region, **CREDS)


def tags(name, **extra):
    return [{"Key": k, "Value": v} for k, v in {**COMMON_TAGS, "Name": name, **extra}.items()]


def spec(resource_type, name, **extra):
    return [{"ResourceType": resource_type, "Tags": tags(name, **extra)}]


def delete_default_vpc(ec2):
    """Northwind deleted the default VPCs, as the CIS benchmark recommends."""
    for vpc in ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]:
        vid = vpc["VpcId"]
        for sn in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vid]}])["Subnets"]:
            ec2.delete_subnet(SubnetId=sn["SubnetId"])
        for igw in ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vid]}])["InternetGateways"]:
            ec2.detach_internet_gateway(InternetGatewayId=igw["InternetGatewayId"], VpcId=vid)
            ec2.delete_internet_gateway(InternetGatewayId=igw["InternetGatewayId"])
        ec2.delete_vpc(VpcId=vid)


def ami(ec2):
    images = ec2.describe_images(Owners=["amazon"])["Images"]
    linux = [i for i in images if i.get("Platform") != "windows" and "amzn" in i.get("Name", "")]
    return sorted(linux or images, key=lambda i: i["ImageId"])[0]["ImageId"]


def seed_scale(n_subnets, n_instances):
    """The benchmark's estate: one VPC, n_subnets subnets, n_instances instances spread evenly."""
    ec2 = client("ec2", "eu-west-1")
    image = ami(ec2)
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16", TagSpecifications=spec("vpc", "scale"))["Vpc"]["VpcId"]
    sg = ec2.create_security_group(GroupName="scale", Description="scale", VpcId=vpc)["GroupId"]
    per = n_instances // n_subnets
    for i in range(n_subnets):
        sn = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.50.{i}.0/24", AvailabilityZone=["eu-west-1a", "eu-west-1b"][i % 2])["Subnet"]["SubnetId"]
        ec2.run_instances(ImageId=image, MinCount=per, MaxCount=per, InstanceType="t3.micro", SubnetId=sn,
                          SecurityGroupIds=[sg], TagSpecifications=spec("instance", f"scale-{i}"))
    return {"vpc": vpc, "subnets": n_subnets, "instances": per * n_subnets}


def seed_region_network(ec2, region, name, cidr, azs):
    vpc = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=spec("vpc", f"{PREFIX}-{name}"))["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    base = cidr.split(".")[:2]
    subnets = {}
    for i, az in enumerate(azs):
        for tier, offset in (("public", 0), ("private", 10)):
            sn = ec2.create_subnet(VpcId=vpc, CidrBlock=f"{base[0]}.{base[1]}.{i + offset}.0/24", AvailabilityZone=az,
                                   TagSpecifications=spec("subnet", f"{PREFIX}-{name}-{tier}-{az}", Tier=tier))["Subnet"]["SubnetId"]
            subnets[f"{tier}-{i}"] = sn
    igw = ec2.create_internet_gateway(TagSpecifications=spec("internet-gateway", f"{PREFIX}-{name}"))["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    return vpc, subnets, igw


def rule(port, cidrs=(), groups=(), description=None, protocol="tcp", to_port=None, v6=()):
    p = {"IpProtocol": protocol}
    if protocol != "-1":
        p.update(FromPort=port, ToPort=to_port if to_port is not None else port)
    d = {"Description": description} if description else {}
    if cidrs:
        p["IpRanges"] = [{"CidrIp": c, **d} for c in cidrs]
    if v6:
        p["Ipv6Ranges"] = [{"CidrIpv6": c, **d} for c in v6]
    if groups:
        p["UserIdGroupPairs"] = [{"GroupId": g, **d} for g in groups]
    return p


def seed_northwind():
    out = {}
    west = client("ec2", "eu-west-1")
    central = client("ec2", "eu-central-1")
    delete_default_vpc(west)
    delete_default_vpc(central)
    image = ami(west)

    # Platform VPC, eu-west-1.
    main, subnets, igw = seed_region_network(west, "eu-west-1", "main", "10.20.0.0/16", ["eu-west-1a", "eu-west-1b"])
    eip = west.allocate_address(Domain="vpc", TagSpecifications=spec("elastic-ip", f"{PREFIX}-nat"))["AllocationId"]
    nat = west.create_nat_gateway(SubnetId=subnets["public-0"], AllocationId=eip,
                                  TagSpecifications=spec("natgateway", f"{PREFIX}-nat"))["NatGateway"]["NatGatewayId"]

    # Analytics VPC, eu-central-1, peered across regions.
    analytics, asubnets, aigw = seed_region_network(central, "eu-central-1", "analytics", "10.30.0.0/16", ["eu-central-1a", "eu-central-1b"])
    pcx = west.create_vpc_peering_connection(VpcId=main, PeerVpcId=analytics, PeerRegion="eu-central-1",
                                             TagSpecifications=spec("vpc-peering-connection", f"{PREFIX}-main-to-analytics", Side="requester"))["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    central.accept_vpc_peering_connection(VpcPeeringConnectionId=pcx)

    rt_pub = west.create_route_table(VpcId=main, TagSpecifications=spec("route-table", f"{PREFIX}-main-public"))["RouteTable"]["RouteTableId"]
    west.create_route(RouteTableId=rt_pub, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    rt_priv = west.create_route_table(VpcId=main, TagSpecifications=spec("route-table", f"{PREFIX}-main-private"))["RouteTable"]["RouteTableId"]
    west.create_route(RouteTableId=rt_priv, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    west.create_route(RouteTableId=rt_priv, DestinationCidrBlock="10.30.0.0/16", VpcPeeringConnectionId=pcx)
    for i in range(2):
        west.associate_route_table(RouteTableId=rt_pub, SubnetId=subnets[f"public-{i}"])
        west.associate_route_table(RouteTableId=rt_priv, SubnetId=subnets[f"private-{i}"])
    vpce = west.create_vpc_endpoint(VpcId=main, ServiceName="com.amazonaws.eu-west-1.s3", VpcEndpointType="Gateway",
                                    RouteTableIds=[rt_priv], TagSpecifications=spec("vpc-endpoint", f"{PREFIX}-s3"))["VpcEndpoint"]["VpcEndpointId"]

    art_pub = central.create_route_table(VpcId=analytics, TagSpecifications=spec("route-table", f"{PREFIX}-analytics-public"))["RouteTable"]["RouteTableId"]
    central.create_route(RouteTableId=art_pub, DestinationCidrBlock="0.0.0.0/0", GatewayId=aigw)
    central.create_route(RouteTableId=art_pub, DestinationCidrBlock="10.20.0.0/16", VpcPeeringConnectionId=pcx)
    art_priv = central.create_route_table(VpcId=analytics, TagSpecifications=spec("route-table", f"{PREFIX}-analytics-private"))["RouteTable"]["RouteTableId"]
    central.create_route(RouteTableId=art_priv, DestinationCidrBlock="10.20.0.0/16", VpcPeeringConnectionId=pcx)
    for i in range(2):
        central.associate_route_table(RouteTableId=art_pub, SubnetId=asubnets[f"public-{i}"])
        central.associate_route_table(RouteTableId=art_priv, SubnetId=asubnets[f"private-{i}"])

    # Security groups (security.tf), then the drift: RDP opened to the world on the app group.
    def group(ec2, vpc, name, description):
        gid = ec2.create_security_group(GroupName=f"{PREFIX}-{name}", Description=description, VpcId=vpc,
                                        TagSpecifications=spec("security-group", f"{PREFIX}-{name}"))["GroupId"]
        # Terraform removes the default allow-all egress rule of every group it creates.
        ec2.revoke_security_group_egress(GroupId=gid, IpPermissions=[rule(0, cidrs=["0.0.0.0/0"], protocol="-1")])
        return gid

    alb = group(west, main, "alb", "Public HTTPS entry point of the application")
    app = group(west, main, "app", "Application servers behind the load balancer")
    etl = group(west, main, "etl", "Nightly export and reporting ETL")
    db = group(west, main, "db", "Primary Postgres database")
    bastion = group(west, main, "bastion", "SSH jump host for on-call engineers")
    west.authorize_security_group_ingress(GroupId=alb, IpPermissions=[
        rule(443, cidrs=["0.0.0.0/0"], description="HTTPS from the internet"),
        rule(80, cidrs=["0.0.0.0/0"], description="HTTP from the internet, redirected to HTTPS"),
        rule(8443, cidrs=["0.0.0.0/0"], description="Partner API for the legacy integration")])
    west.authorize_security_group_egress(GroupId=alb, IpPermissions=[rule(8080, cidrs=["10.20.0.0/16"], description="To the application servers")])
    west.authorize_security_group_ingress(GroupId=app, IpPermissions=[
        rule(8080, groups=[alb], description="Application traffic from the load balancer"),
        rule(22, groups=[bastion], description="SSH from the bastion")])
    west.authorize_security_group_egress(GroupId=app, IpPermissions=[
        rule(443, cidrs=["0.0.0.0/0"], description="HTTPS to AWS APIs and the container registry"),
        rule(5432, cidrs=["10.20.0.0/16"], description="Postgres inside the VPC")])
    west.authorize_security_group_egress(GroupId=etl, IpPermissions=[
        rule(443, cidrs=["0.0.0.0/0"], description="HTTPS to AWS APIs"),
        rule(5432, cidrs=["10.20.0.0/16", "10.30.0.0/16"], description="Postgres in both VPCs")])
    west.authorize_security_group_ingress(GroupId=db, IpPermissions=[rule(5432, groups=[app, etl], description="Postgres from the application and the ETL worker")])
    west.authorize_security_group_ingress(GroupId=bastion, IpPermissions=[
        rule(22, cidrs=["0.0.0.0/0"], description="SSH for on-call engineers (OPS-1187)"),
        rule(0, protocol="-1", v6=["::/0"], description="Vendor support session over IPv6 (OPS-1432)")])
    west.authorize_security_group_egress(GroupId=bastion, IpPermissions=[rule(22, cidrs=["10.20.0.0/16"], description="SSH to hosts inside the VPC")])
    # Drift: opened in the console during an incident, never closed.
    west.authorize_security_group_ingress(GroupId=app, IpPermissions=[rule(3389, cidrs=["0.0.0.0/0"], description="temp RDP for incident INC-2291")])
    reporting = group(central, analytics, "reporting-db", "Reporting Postgres database read by the hosted BI tool")
    central.authorize_security_group_ingress(GroupId=reporting, IpPermissions=[
        rule(5432, cidrs=["203.0.113.0/24", "198.51.100.32/28"], description="Postgres from the hosted BI tool"),
        rule(5432, cidrs=["10.20.0.0/16"], description="Postgres from the ETL worker over the peering connection")])

    # Instances (compute.tf); app-1 was resized from t3.large to t3.xlarge in the console (drift).
    def instance(name, itype, subnet, sg, role, user_data="", public=False):
        kw = dict(ImageId=image, MinCount=1, MaxCount=1, InstanceType=itype, SecurityGroupIds=[sg], SubnetId=subnet,
                  TagSpecifications=spec("instance", f"{PREFIX}-{name}", Role=role),
                  MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"})
        if user_data:
            kw["UserData"] = user_data
        return west.run_instances(**kw)["Instances"][0]["InstanceId"]

    app1 = instance("app-1", "t3.xlarge", subnets["private-0"], app, "app", "#!/bin/bash\ndnf install -y docker\n")
    app2 = instance("app-2", "t3.large", subnets["private-1"], app, "app", "#!/bin/bash\ndnf install -y docker\n")
    bastion_i = instance("bastion", "t3.micro", subnets["public-0"], bastion, "bastion")
    etl_i = instance("etl-worker", "m6i.large", subnets["private-1"], etl, "etl", ETL_USER_DATA)

    # Load balancer (loadbalancer.tf).
    elb = client("elbv2", "eu-west-1")
    acm = client("acm", "eu-west-1")
    cert = acm.request_certificate(DomainName="app.northwind-analytics.example", ValidationMethod="DNS")["CertificateArn"]
    lb = elb.create_load_balancer(Name=f"{PREFIX}-app", Subnets=[subnets["public-0"], subnets["public-1"]], SecurityGroups=[alb],
                                  Scheme="internet-facing", Type="application", Tags=tags(f"{PREFIX}-app"))["LoadBalancers"][0]["LoadBalancerArn"]
    tg = elb.create_target_group(Name=f"{PREFIX}-app", Protocol="HTTP", Port=8080, VpcId=main, TargetType="instance",
                                 HealthCheckPath="/healthz")["TargetGroups"][0]["TargetGroupArn"]
    elb.register_targets(TargetGroupArn=tg, Targets=[{"Id": app1, "Port": 8080}, {"Id": app2, "Port": 8080}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-3-2021-06",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elb.create_listener(LoadBalancerArn=lb, Protocol="HTTPS", Port=8443, SslPolicy="ELBSecurityPolicy-2016-08",
                        Certificates=[{"CertificateArn": cert}], DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])

    # Databases (database.tf).
    kms = client("kms", "eu-west-1")
    key = kms.create_key(Description="Northwind production data at rest")["KeyMetadata"]["Arn"]
    rds = client("rds", "eu-west-1")
    rds.create_db_subnet_group(DBSubnetGroupName=f"{PREFIX}-main", DBSubnetGroupDescription="Private subnets of the platform VPC",
                               SubnetIds=[subnets["private-0"], subnets["private-1"]])
    main_db = rds.create_db_instance(DBInstanceIdentifier=f"{PREFIX}-main", Engine="postgres", EngineVersion="16.4",
                                     DBInstanceClass="db.r6g.large", AllocatedStorage=100, StorageType="gp3", StorageEncrypted=True,
                                     KmsKeyId=key, DBName="northwind", MasterUsername="northwind_admin", ManageMasterUserPassword=True,
                                     DBSubnetGroupName=f"{PREFIX}-main", VpcSecurityGroupIds=[db], PubliclyAccessible=False, MultiAZ=True,
                                     EnableIAMDatabaseAuthentication=True, BackupRetentionPeriod=14, DeletionProtection=True,
                                     Tags=[{"Key": k, "Value": v} for k, v in COMMON_TAGS.items()])["DBInstance"]["DBInstanceArn"]
    rdsc = client("rds", "eu-central-1")
    rdsc.create_db_subnet_group(DBSubnetGroupName=f"{PREFIX}-reporting", DBSubnetGroupDescription="Public subnets of the analytics VPC, so that the BI tool can connect",
                                SubnetIds=[asubnets["public-0"], asubnets["public-1"]])
    reporting_db = rdsc.create_db_instance(DBInstanceIdentifier=f"{PREFIX}-reporting", Engine="postgres", EngineVersion="16.4",
                                           DBInstanceClass="db.t4g.large", AllocatedStorage=200, StorageType="gp3", StorageEncrypted=False,
                                           DBName="reporting", MasterUsername="reporting_admin", MasterUserPassword=REPORTING_DB_PASSWORD,
                                           DBSubnetGroupName=f"{PREFIX}-reporting", VpcSecurityGroupIds=[reporting], PubliclyAccessible=True,
                                           BackupRetentionPeriod=7, DeletionProtection=True,
                                           Tags=[{"Key": k, "Value": v} for k, v in COMMON_TAGS.items()])["DBInstance"]["DBInstanceArn"]

    out.update(mainVpc=main, analyticsVpc=analytics, subnets=subnets, analyticsSubnets=asubnets, igw=igw, nat=nat, pcx=pcx, vpce=vpce,
               routeTables={"mainPublic": rt_pub, "mainPrivate": rt_priv, "analyticsPublic": art_pub, "analyticsPrivate": art_priv},
               groups={"alb": alb, "app": app, "etl": etl, "db": db, "bastion": bastion, "reporting": reporting},
               instances={"app1": app1, "app2": app2, "bastion": bastion_i, "etl": etl_i},
               loadBalancer=lb, targetGroup=tg, databases={"main": main_db, "reporting": reporting_db})
    return out


def plant_secrets():
    """A workload in us-east-1 with a secret everywhere an importer could pick one up."""
    ec2 = client("ec2", "us-east-1")
    delete_default_vpc(ec2)
    vpc = ec2.create_vpc(CidrBlock="10.99.0.0/16", TagSpecifications=spec("vpc", "planted", DeployToken=PLANTED["tagToken"]))["Vpc"]["VpcId"]
    sn = ec2.create_subnet(VpcId=vpc, CidrBlock="10.99.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    sg = ec2.create_security_group(GroupName="planted", Description=PLANTED["groupDescription"], VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[rule(443, cidrs=["0.0.0.0/0"], description=PLANTED["ruleDescription"])])
    eni = ec2.create_network_interface(SubnetId=sn, Groups=[sg], Description=PLANTED["eniDescription"])["NetworkInterface"]["NetworkInterfaceId"]
    inst = ec2.run_instances(ImageId=ami(ec2), MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=sn, SecurityGroupIds=[sg],
                             UserData=PLANTED["userData"],
                             TagSpecifications=[{"ResourceType": "instance", "Tags": [
                                 {"Key": "Name", "Value": "planted-worker"},
                                 {"Key": "DB_PASSWORD", "Value": PLANTED["tagPassword"]},
                                 {"Key": "bootstrap", "Value": f"token={PLANTED['tagToken']}"}]}])["Instances"][0]["InstanceId"]
    ec2.stop_instances(InstanceIds=[inst])
    ec2.modify_instance_attribute(InstanceId=inst, UserData={"Value": PLANTED["attributeUserData"].encode()})
    return {"vpc": vpc, "subnet": sn, "group": sg, "eni": eni, "instance": inst}


def post(path):
    urllib.request.urlopen(urllib.request.Request(f"{ENDPOINT}{path}", data=b"", method="POST")).read()


post("/moto-api/reset")
post("/moto-api/seed?a=42")
if SCALE:
    print(json.dumps(seed_scale(*SCALE)))
    sys.exit(0)
result = seed_northwind()
if PLANT:
    result["planted"] = plant_secrets()
result["secrets"] = list(PLANTED.values())
print(json.dumps(result, indent=1))
