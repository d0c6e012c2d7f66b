export { DirectoryFile, PartyDirectory, readDirectoryFile } from './party-directory';
