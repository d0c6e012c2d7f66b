export { IdentifyingCode, Party, loadParties, record, text } from './party';
