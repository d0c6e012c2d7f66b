import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { AppModule } from './app.module';

runService(AppModule, { beforeListen: serveInbox });
