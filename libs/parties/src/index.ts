export {
  DirectoryFile,
  PartyDirectory,
  readDirectoryFile,
  readOrganisationsFile,
} from './party-directory';
