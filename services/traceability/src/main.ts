import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { AppModule } from './app.module';
import { CAPTURE_LIMITS } from './epcis/capture/domain/capture-job';

runService(AppModule, { bodyLimit: CAPTURE_LIMITS.maxBytes, beforeListen: serveInbox });
