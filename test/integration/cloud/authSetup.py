#!/usr/bin/python3
"""Creates IAM principals in a moto server, then turns on moto's IAM enforcement.

- network-reader: may describe the network (VPCs, subnets, route tables, gateways, security groups,
  interfaces), is explicitly denied DescribeInstances, and has no ELB or RDS permissions at all.
- assumer: may only call sts:AssumeRole; the role CartographReadOnly (trusting this account with
  an ExternalId) grants ec2:Describe*, elasticloadbalancing:Describe* and rds:Describe*.

Usage: authSetup.py ENDPOINT   (run after seeding: nothing can be created once enforcement is on)
Prints the principals' keys and the role's ARN as JSON. The keys are moto's, valid only there.
"""
import json
import sys
import urllib.request

import boto3

ENDPOINT = sys.argv[1]
iam = boto3.client("iam", endpoint_url=ENDPOINT, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")


def user(name, statements):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName=f"{name}-inline", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}


out = {
    "networkReader": user("network-reader", [
        {"Effect": "Allow", "Resource": "*", "Action": [
            "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeInternetGateways",
            "ec2:DescribeEgressOnlyInternetGateways", "ec2:DescribeNatGateways", "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeAddresses", "ec2:DescribeVpcPeeringConnections",
            "ec2:DescribeVpcEndpoints", "ec2:DescribeTransitGatewayAttachments"]},
        {"Effect": "Deny", "Action": "ec2:DescribeInstances", "Resource": "*"}]),
    "assumer": user("assumer", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]),
}
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
         "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "cartograph-integration"}}}]}
role = iam.create_role(RoleName="CartographReadOnly", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
iam.put_role_policy(RoleName="CartographReadOnly", PolicyName="read", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Resource": "*", "Action": ["ec2:Describe*", "elasticloadbalancing:Describe*", "rds:Describe*"]}]}))
out["roleArn"] = role["Arn"]

# From now on every call is checked against IAM (moto's INITIAL_NO_AUTH_ACTION_COUNT, set live).
urllib.request.urlopen(urllib.request.Request(f"{ENDPOINT}/moto-api/reset-auth", data=b"0", method="POST",
                                              headers={"Content-Type": "text/plain"})).read()
print(json.dumps(out))
