import type { AttributeSpec, ResourceMapping } from '../mapping/types.js';

// VPC networking: the VPC, subnets, security groups, endpoints, routes and gateways that decide
// who can reach a SageMaker resource. Ref of most EC2 resources returns the id, like `id`.

const tags: AttributeSpec = { to: 'Tags', transform: 'tags' };

const routeTargets: Record<string, AttributeSpec> = {
  gateway_id: 'GatewayId',
  nat_gateway_id: 'NatGatewayId',
  vpc_endpoint_id: 'VpcEndpointId',
  transit_gateway_id: 'TransitGatewayId',
  vpc_peering_connection_id: 'VpcPeeringConnectionId',
  network_interface_id: 'NetworkInterfaceId',
  egress_only_gateway_id: 'EgressOnlyInternetGatewayId',
  carrier_gateway_id: 'CarrierGatewayId',
  local_gateway_id: 'LocalGatewayId',
};

export const EC2_MAPPINGS: ResourceMapping[] = [
  {
    tfType: 'aws_vpc',
    cfnType: 'AWS::EC2::VPC',
    refAttributes: { cidr_block: 'CidrBlock', default_security_group_id: 'DefaultSecurityGroup', default_network_acl_id: 'DefaultNetworkAcl' },
    attributes: {
      cidr_block: 'CidrBlock',
      instance_tenancy: 'InstanceTenancy',
      enable_dns_support: 'EnableDnsSupport',
      enable_dns_hostnames: 'EnableDnsHostnames',
      ipv4_ipam_pool_id: 'Ipv4IpamPoolId',
      ipv4_netmask_length: 'Ipv4NetmaskLength',
      tags,
    },
  },
  {
    tfType: 'aws_subnet',
    cfnType: 'AWS::EC2::Subnet',
    refAttributes: { id: 'SubnetId', vpc_id: 'VpcId', cidr_block: 'CidrBlock', availability_zone: 'AvailabilityZone' },
    attributes: {
      vpc_id: 'VpcId',
      cidr_block: 'CidrBlock',
      ipv6_cidr_block: 'Ipv6CidrBlock',
      availability_zone: 'AvailabilityZone',
      availability_zone_id: 'AvailabilityZoneId',
      map_public_ip_on_launch: 'MapPublicIpOnLaunch',
      assign_ipv6_address_on_creation: 'AssignIpv6AddressOnCreation',
      tags,
    },
  },
  {
    tfType: 'aws_security_group',
    cfnType: 'AWS::EC2::SecurityGroup',
    refAttributes: { id: 'GroupId', vpc_id: 'VpcId' },
    attributes: {
      name: 'GroupName',
      description: 'GroupDescription',
      vpc_id: 'VpcId',
      ingress: { to: 'SecurityGroupIngress', blockTransform: 'securityGroupIngress' },
      egress: { to: 'SecurityGroupEgress', blockTransform: 'securityGroupEgress' },
      tags,
    },
  },
  {
    tfType: 'aws_vpc_security_group_ingress_rule',
    cfnType: 'AWS::EC2::SecurityGroupIngress',
    attributes: {
      security_group_id: 'GroupId',
      ip_protocol: 'IpProtocol',
      from_port: 'FromPort',
      to_port: 'ToPort',
      cidr_ipv4: 'CidrIp',
      cidr_ipv6: 'CidrIpv6',
      prefix_list_id: 'SourcePrefixListId',
      referenced_security_group_id: 'SourceSecurityGroupId',
      description: 'Description',
    },
  },
  {
    tfType: 'aws_vpc_security_group_egress_rule',
    cfnType: 'AWS::EC2::SecurityGroupEgress',
    attributes: {
      security_group_id: 'GroupId',
      ip_protocol: 'IpProtocol',
      from_port: 'FromPort',
      to_port: 'ToPort',
      cidr_ipv4: 'CidrIp',
      cidr_ipv6: 'CidrIpv6',
      prefix_list_id: 'DestinationPrefixListId',
      referenced_security_group_id: 'DestinationSecurityGroupId',
      description: 'Description',
    },
  },
  {
    tfType: 'aws_vpc_endpoint',
    cfnType: 'AWS::EC2::VPCEndpoint',
    attributes: {
      vpc_id: 'VpcId',
      service_name: 'ServiceName',
      vpc_endpoint_type: 'VpcEndpointType',
      subnet_ids: 'SubnetIds',
      security_group_ids: 'SecurityGroupIds',
      route_table_ids: 'RouteTableIds',
      policy: { to: 'PolicyDocument', transform: 'json' },
      private_dns_enabled: 'PrivateDnsEnabled',
      ip_address_type: 'IpAddressType',
      tags,
    },
  },
  {
    tfType: 'aws_route_table',
    cfnType: 'AWS::EC2::RouteTable',
    attributes: { vpc_id: 'VpcId', tags },
    // Inline `route` blocks are AWS::EC2::Route resources in CloudFormation.
    children: [
      {
        cfnType: 'AWS::EC2::Route',
        idSuffix: 'route',
        block: 'route',
        parentProperty: 'RouteTableId',
        attributes: {
          cidr_block: 'DestinationCidrBlock',
          ipv6_cidr_block: 'DestinationIpv6CidrBlock',
          destination_prefix_list_id: 'DestinationPrefixListId',
          ...routeTargets,
        },
      },
    ],
  },
  {
    tfType: 'aws_route',
    cfnType: 'AWS::EC2::Route',
    attributes: {
      route_table_id: 'RouteTableId',
      destination_cidr_block: 'DestinationCidrBlock',
      destination_ipv6_cidr_block: 'DestinationIpv6CidrBlock',
      destination_prefix_list_id: 'DestinationPrefixListId',
      ...routeTargets,
    },
  },
  {
    tfType: 'aws_route_table_association',
    cfnType: 'AWS::EC2::SubnetRouteTableAssociation',
    attributes: { subnet_id: 'SubnetId', route_table_id: 'RouteTableId' },
  },
  {
    tfType: 'aws_internet_gateway',
    cfnType: 'AWS::EC2::InternetGateway',
    refAttributes: { id: 'InternetGatewayId' },
    attributes: { tags },
    // `vpc_id` on the gateway is a VPCGatewayAttachment in CloudFormation.
    children: [{ cfnType: 'AWS::EC2::VPCGatewayAttachment', idSuffix: 'attachment', parentProperty: 'InternetGatewayId', attributes: { vpc_id: 'VpcId' } }],
  },
  {
    tfType: 'aws_internet_gateway_attachment',
    cfnType: 'AWS::EC2::VPCGatewayAttachment',
    attributes: { vpc_id: 'VpcId', internet_gateway_id: 'InternetGatewayId' },
  },
  {
    tfType: 'aws_nat_gateway',
    cfnType: 'AWS::EC2::NatGateway',
    attributes: { subnet_id: 'SubnetId', allocation_id: 'AllocationId', connectivity_type: 'ConnectivityType', private_ip: 'PrivateIpAddress', tags },
  },
  {
    tfType: 'aws_flow_log',
    cfnType: 'AWS::EC2::FlowLog',
    attributes: {
      // Exactly one of these is set; CloudFormation names the target ResourceId.
      vpc_id: 'ResourceId',
      subnet_id: 'ResourceId',
      eni_id: 'ResourceId',
      traffic_type: 'TrafficType',
      log_destination: 'LogDestination',
      log_destination_type: 'LogDestinationType',
      log_group_name: 'LogGroupName',
      iam_role_arn: 'DeliverLogsPermissionArn',
      tags,
    },
  },
];
