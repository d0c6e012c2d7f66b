import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { AppModule } from './app.module';

runService(AppModule);
