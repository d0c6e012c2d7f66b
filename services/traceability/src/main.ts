import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { AppModule } from './app.module';
import { CAPTURE_LIMITS } from './epcis/capture/domain/capture-job';

runService(AppModule, CAPTURE_LIMITS.maxBytes);
