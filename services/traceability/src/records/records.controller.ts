import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { CaptureRecordDto } from './capture-record.dto';
import { RecordView } from './record.view';
import { RecordsService } from './records.service';

@Controller('records')
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  /** 202: stored durably; anchoring on the ledger follows asynchronously. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async capture(
    @Body() dto: CaptureRecordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecordView> {
    const view = await this.records.capture(dto);
    void reply.header('location', `/records/${view.id}`);
    return view;
  }

  @Get(':id')
  find(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<RecordView> {
    return this.records.find(id);
  }
}
