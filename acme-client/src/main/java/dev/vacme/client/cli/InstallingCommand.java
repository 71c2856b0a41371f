package dev.vacme.client.cli;

/** A verb that installs certificates, so it takes {@code -i} and every installer's options. */
interface InstallingCommand {

    /** Returns the command's deployment options, to which the installers' options are attached. */
    DeployOptions deployOptions();
}
