// class-transformer ships this module (its @Type() metadata, which class-validator-jsonschema
// reads to follow nested DTOs) without a declaration beside the CommonJS build.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
