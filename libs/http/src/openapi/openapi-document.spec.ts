import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { createHttpApp } from '../http-app';
import { LoggingModule } from '../logging.module';
import { ApiDescriptionModule } from './api-description';

class LineDto {
  @Matches(/^[A-Z]{3}-\d+$/)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class OrderDto {
  @IsString()
  buyer!: string;

  @IsIn(['STANDARD', 'EXPRESS'])
  service!: string;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

@Controller('orders')
class OrdersController {
  @Post()
  create(@Body() order: OrderDto) {
    return { lines: order.lines.length };
  }
}

@Module({
  imports: [
    LoggingModule,
    ApiDescriptionModule.forRoot({ title: 'Orders', description: 'test', version: '1' }),
  ],
  controllers: [OrdersController],
})
class DescribedModule {}

interface Document {
  info: { title: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

async function documentOf(module: unknown): Promise<{ status: number; body: string }> {
  const app: NestFastifyApplication = await createHttpApp(module as never, { bodyLimit: 1024 });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  await app.close();
  return { status: response.statusCode, body: response.body };
}

describe('the OpenAPI document at /openapi.json', () => {
  beforeAll(() => {
    process.env.LOG_LEVEL = 'silent';
  });

  it('describes the routes with the DTO rules the validation pipe enforces', async () => {
    const { status, body } = await documentOf(DescribedModule);
    const document = JSON.parse(body) as Document;

    expect(status).toBe(200);
    expect(document.info.title).toBe('Orders');
    const order = document.components.schemas.OrderDto;
    expect(order).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['buyer', 'service', 'lines']),
      properties: {
        service: { enum: ['STANDARD', 'EXPRESS'] },
        lines: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/LineDto' } },
      },
    });
    expect(document.components.schemas.LineDto).toMatchObject({
      additionalProperties: false,
      properties: {
        sku: { pattern: '^[A-Z]{3}-\\d+$' },
        quantity: { type: 'integer', minimum: 1 },
      },
    });
    // Configuration classes carry class-validator rules too; they are not API.
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'LineDto',
      'OrderDto',
      'Problem',
    ]);
  });

  it('declares every refusal a problem+json', async () => {
    const document = JSON.parse((await documentOf(DescribedModule)).body) as Document;

    expect(document.paths['/orders']?.post?.responses.default).toEqual({
      description: expect.any(String),
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      },
    });
  });

  it('is not served by a module that does not describe itself', async () => {
    @Module({ imports: [LoggingModule], controllers: [OrdersController] })
    class UndescribedModule {}

    const { status, body } = await documentOf(UndescribedModule);

    expect(status).toBe(404);
    expect(JSON.parse(body)).toMatchObject({ status: 404 });
  });
});
