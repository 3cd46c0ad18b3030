package io.yagura.emulator;
