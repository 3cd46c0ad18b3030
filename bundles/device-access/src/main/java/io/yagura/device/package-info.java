package io.yagura.device;
