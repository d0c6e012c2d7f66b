import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { AppModule } from './app.module';
import { MAX_SUPPORTING_DOCUMENT_BYTES } from './transport-documents/supporting-documents.service';

// A supporting document travels as Base64 in JSON (4/3 of its bytes), to PJA's holders'
// route and to a receiving platform's PINT route alike.
runService(AppModule, { beforeListen: serveInbox, bodyLimit: 2 * MAX_SUPPORTING_DOCUMENT_BYTES });
