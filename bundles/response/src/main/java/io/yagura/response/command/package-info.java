/** The yagura:block* console commands, yagura:safelist and yagura:device-trust. */
package io.yagura.response.command;
