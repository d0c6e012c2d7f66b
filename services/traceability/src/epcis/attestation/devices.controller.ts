import { Controller, Get, HttpStatus, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRoles } from '@pujiang/auth';
import type { DeviceRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { TraceRole } from '../trace-roles';
import { DeviceRegistryStore } from './device-registry.store';
import { DEVICE_LIST_SCHEMA, DEVICE_SCHEMA } from '../epcis-responses.openapi';

/**
 * A device as capture knows it: the ledger's record as last followed, with
 * its keys, attachments, statuses and every change. Every member of the
 * channel reads the same record on the ledger, so any caller may see it.
 */
@Controller('devices')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
export class DevicesController {
  constructor(private readonly registry: DeviceRegistryStore) {}

  @Get()
  @ApiOkResponse({
    description: 'Every registered device, as capture judges readings by them',
    schema: DEVICE_LIST_SCHEMA,
  })
  async devices(): Promise<{ devices: DeviceRecord[] }> {
    return { devices: await this.registry.all() };
  }

  @Get(':deviceId')
  @ApiParam({ name: 'deviceId', description: 'The EPCIS deviceID, percent-encoded' })
  @ApiOkResponse({
    description: 'The device registry record as capture judges readings by it',
    schema: DEVICE_SCHEMA,
  })
  async device(@Param('deviceId') deviceId: string): Promise<{ device: DeviceRecord }> {
    const device = await this.registry.find(deviceId);
    if (device === undefined) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `No device ${deviceId} is registered`);
    }
    return { device };
  }
}
