// Expressions for the module's own resources, shared by the modules that point at them.
import type { AttachmentRef, Topology } from '../../model/types.js';
import { resourceAddress, resourceRef } from './json.js';
import { NAMES, connectAttachmentName, vpcAttachmentName } from '../../render/terraform/names.js';
import { TF } from '../../render/terraform/types.js';

export const tgwId = (model: Topology): string => resourceRef(TF.transitGateway, NAMES.transitGateway(model.transitGateway.name), 'id');

export const vpcAttachmentAddress = (vpc: string): string => resourceAddress(TF.vpcAttachment, vpcAttachmentName(vpc));

export const attachmentId = (ref: AttachmentRef): string =>
  ref.kind === 'vpc'
    ? resourceRef(TF.vpcAttachment, vpcAttachmentName(ref.vpc), 'id')
    : resourceRef(TF.connect, connectAttachmentName(ref.attachment), 'id');

export const tgwRouteTableId = (routeTable: string): string => resourceRef(TF.tgwRouteTable, NAMES.tgwRouteTable(routeTable), 'id');
